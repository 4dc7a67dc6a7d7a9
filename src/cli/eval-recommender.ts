import { BEAUTY_FILES, beautySplit, demoSplit } from '../recommender/eval/datasets.js';
import { evaluate, type Scores, type Split } from '../recommender/eval/evaluate.js';
import { recsysDataDir } from './recsys-data-dir.js';

const USAGE = `Usage: npm run eval:recommender [-- --data DIR]

Offline evaluation of the recommender against the popularity baseline: for each customer the
last purchase is held out and the model, trained on everything else, ranks the whole catalog;
Recall@10, NDCG@10 and catalog coverage, averaged over customers.

Datasets: the demo retailer (always), and the public Amazon Beauty purchase data when DIR
holds it (default ../shared/data/recsys, or RECSYS_DATA_DIR).`;

const dataDir = recsysDataDir(USAGE);

const format = (s: Scores) =>
  `Recall@10 ${s.recallAt10.toFixed(4)}  NDCG@10 ${s.ndcgAt10.toFixed(4)}  coverage ${(s.coverage * 100).toFixed(1)}%`;

function report(split: Split) {
  const result = evaluate(split);
  console.log(
    `\n${split.name}: ${split.items.length} items, ${split.train.length} training purchases, ${result.model.users} customers`,
  );
  console.log(`  recommender  ${format(result.model)}  (built in ${result.buildS.toFixed(2)} s)`);
  console.log(`  popularity   ${format(result.popularity)}`);
}

report(demoSplit());
const beauty = beautySplit(dataDir);
if (beauty) report(beauty);
else
  console.log(
    `\namazon-beauty: skipped, ${BEAUTY_FILES.join(' and ')} not found in ${dataDir} (set --data or RECSYS_DATA_DIR)`,
  );
