import { BEAUTY_FILES, beautySplit, demoSplit } from '../recommender/eval/datasets.js';
import { type Split, scoreModel, validationSplit } from '../recommender/eval/evaluate.js';
import { FOR_YOU_WEIGHTS, type ForYouWeights, RecommenderModel } from '../recommender/model.js';
import { recsysDataDir } from './recsys-data-dir.js';

const USAGE = `Usage: npm run tune:recommender [-- --data DIR]

Tunes how "for you" recommendations weigh products bought together, what is bought next and
popularity, on validation splits (each customer's second-to-last purchase held out; the last
one, the test split, is never read) of Amazon Beauty and of the demo retailer, and prints the
grid, best first: by the mean of each split's NDCG@10 relative to that split's best, so
neither dataset's scale decides alone. Put the best into FOR_YOU_WEIGHTS
(src/recommender/model.ts), then run npm run eval:recommender for the test figures.`;

const dataDir = recsysDataDir(USAGE);

const beauty = beautySplit(dataDir);
if (!beauty) {
  console.error(
    `${BEAUTY_FILES.join(' and ')} not found in ${dataDir} (set --data or RECSYS_DATA_DIR)`,
  );
  process.exit(1);
}
const splits: Split[] = [validationSplit(beauty), validationSplit(demoSplit())];
const models = splits.map((split) => RecommenderModel.build(split.items, split.train, split.now));
const grid: ForYouWeights[] = [FOR_YOU_WEIGHTS];
for (const cf of [0.1, 0.3, 0.5, 0.7])
  for (const next of [0.4, 0.7, 1])
    for (const popularity of [0.05, 0.2, 0.4]) grid.push({ cf, next, popularity });
const results = grid.map((weights) => {
  const ndcg = splits.map((split, i) => {
    const model = models[i];
    return model ? scoreModel(split, model.withWeights(weights)).ndcgAt10 : 0;
  });
  console.log(`  ${JSON.stringify(weights)}  NDCG@10 ${ndcg.map((n) => n.toFixed(4)).join(' / ')}`);
  return { weights, ndcg };
});
const best = splits.map((_, i) => Math.max(...results.map((r) => r.ndcg[i] ?? 0)));
const ranked = results
  .map((r) => ({
    ...r,
    relative: r.ndcg.reduce((sum, n, i) => sum + n / (best[i] || 1), 0) / splits.length,
  }))
  .sort((a, b) => b.relative - a.relative);
console.log(
  `\nvalidation: ${splits.map((s) => `${s.name} ${s.test.length} customers`).join(', ')}`,
);
for (const { weights, ndcg, relative } of ranked.slice(0, 5))
  console.log(
    `  ${JSON.stringify(weights)}  NDCG@10 ${ndcg.map((n) => n.toFixed(4)).join(' / ')}  relative ${relative.toFixed(4)}`,
  );
