import { startApp } from './app.js';
import { parseConfig, withEnvFile } from './config.js';
import { isConciergeError } from './errors.js';
import { createLogger } from './logger.js';
import { watchUnhandledRejections } from './server/process-faults.js';

/** Exit codes: 0 after a clean shutdown, 1 for bad configuration or a failed start or stop. */
async function main(): Promise<void> {
  const env = withEnvFile(process.env);
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.log);
  watchUnhandledRejections(logger);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ config, env, logger });
  } catch (error) {
    if (isConciergeError(error)) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
