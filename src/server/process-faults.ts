import type { Logger } from '../logger.js';

/** Promise rejections nobody handled since start: each is a bug, and `/healthz` shows the count. */
export const processFaults = { unhandledRejections: 0 };

/**
 * Logs every unhandled rejection loudly and counts it, instead of Node's default of exiting:
 * one forgotten `catch` in a background path must not take every conversation down with it.
 */
export function watchUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    processFaults.unhandledRejections++;
    logger.error(
      { err: reason, unhandledRejections: processFaults.unhandledRejections },
      'unhandled promise rejection (a bug): logged, and the service carries on',
    );
  });
}
