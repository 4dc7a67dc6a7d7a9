import type { TestProject } from 'vitest/node';
import { pickMongo } from './pick-mongo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoDescription: string;
  }
}

/**
 * The tests pick their MongoDB the way the service does (see pick-mongo.ts); each test file
 * then works in a database of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mongo = await pickMongo();
  console.log(`\nTests use MongoDB: ${mongo.description} (${mongo.label})\n`);
  project.provide('mongoUri', mongo.uri);
  project.provide('mongoDescription', mongo.description);
  return () => mongo.stop();
}
