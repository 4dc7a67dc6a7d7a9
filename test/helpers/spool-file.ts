import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An inbound spool file of an app's own, so apps started side by side never share one. */
export function spoolFileFor(name: string): string {
  return join(tmpdir(), 'concierge-spool', `${name}.jsonl`);
}
