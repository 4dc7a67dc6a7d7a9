import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BEAUTY_FILES, beautySplit } from '../recommender/eval/datasets.js';
import { scoreModel, validationSplit } from '../recommender/eval/evaluate.js';
import { FOR_YOU_WEIGHTS, type ForYouWeights, RecommenderModel } from '../recommender/model.js';

const USAGE = `Usage: npm run tune:recommender [-- --data DIR]

Tunes how "for you" recommendations weigh purchases made together, what is bought next and
popularity, on a validation split of Amazon Beauty (each customer's second-to-last purchase
held out; the last one, the test split, is never read), and prints the grid with the best
first. Put the best into FOR_YOU_WEIGHTS (src/recommender/model.ts), then run
npm run eval:recommender for the test figures.`;

let dataDir = process.env.RECSYS_DATA_DIR ?? resolve('..', 'shared', 'data', 'recsys');
try {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.data) dataDir = resolve(values.data);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

const beauty = beautySplit(dataDir);
if (!beauty) {
  console.error(
    `${BEAUTY_FILES.join(' and ')} not found in ${dataDir} (set --data or RECSYS_DATA_DIR)`,
  );
  process.exit(1);
}
const validation = validationSplit(beauty);
const model = RecommenderModel.build(validation.items, validation.train, validation.now);
const grid: ForYouWeights[] = [FOR_YOU_WEIGHTS];
for (const cf of [0.1, 0.3, 0.5, 0.7])
  for (const next of [0.4, 0.7, 1])
    for (const popularity of [0.05, 0.2]) grid.push({ cf, next, popularity });
const results = grid.map((weights) => {
  const scores = scoreModel(validation, model.withWeights(weights));
  console.log(`  ${JSON.stringify(weights)}  NDCG@10 ${scores.ndcgAt10.toFixed(4)}`);
  return { weights, scores };
});
results.sort((a, b) => b.scores.ndcgAt10 - a.scores.ndcgAt10);
console.log(`\n${validation.name}: ${validation.test.length} customers`);
for (const { weights, scores } of results.slice(0, 5))
  console.log(
    `  ${JSON.stringify(weights)}  NDCG@10 ${scores.ndcgAt10.toFixed(4)}  Recall@10 ${scores.recallAt10.toFixed(4)}`,
  );
