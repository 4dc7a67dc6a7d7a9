/** The MongoDB-compatible server the process talks to, and how to let go of it. */
export interface RunningMongo {
  kind: 'external' | 'mongod' | 'ferretdb';
  uri: string;
  /** For logs: what it is and where, without credentials. */
  label: string;
  stop(): Promise<void>;
}
