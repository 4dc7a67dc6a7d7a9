import type { DescriptionDraft } from '../../src/domain/description-draft.js';
import {
  addCounter,
  type ConversationOutcome,
  type CounterTree,
  countersOf,
  dayOf,
  isTermCounter,
  mergeCounters,
  type PeriodCounts,
  type Survey,
} from '../../src/domain/insights.js';
import type { StockAlert } from '../../src/domain/stock-alert.js';
import type {
  DescriptionDrafts,
  InsightCounters,
  Outcomes,
  StockAlerts,
  Surveys,
} from '../../src/ports/insights.js';

const copy = <T>(value: T): T => structuredClone(value);

/** The insight ports of `src/ports/insights.ts` in memory. */
export function inMemoryInsightPorts(): {
  insights: InsightCounters;
  outcomes: Outcomes;
  surveys: Surveys;
  stockAlerts: StockAlerts;
  descriptionDrafts: DescriptionDrafts;
} {
  const days = new Map<string, CounterTree>();
  const outcomes = new Map<string, ConversationOutcome>();
  const surveys = new Map<string, Survey>();
  const alerts = new Map<string, StockAlert>();
  const drafts = new Map<string, DescriptionDraft>();
  const countedOnce = new Set<string>();
  const insights: InsightCounters = {
    async count(event, at) {
      const tree = days.get(dayOf(at)) ?? {};
      days.set(dayOf(at), tree);
      for (const { path, by } of countersOf(event)) addCounter(tree, path, by);
    },
    async period(from, to): Promise<PeriodCounts> {
      const inPeriod = [...days]
        .filter(([day]) => day >= from && day <= to)
        .sort(([a], [b]) => a.localeCompare(b));
      const terms: CounterTree = {};
      const fixed = inPeriod.map(([day, counts]) => {
        const kept: CounterTree = {};
        for (const [name, value] of Object.entries(counts))
          if (isTermCounter([name])) mergeCounters(terms, { [name]: value });
          else kept[name] = copy(value);
        return { day, counts: kept };
      });
      return { days: fixed, terms };
    },
    async countOnce(key, event, at) {
      if (countedOnce.has(key)) return false;
      countedOnce.add(key);
      await insights.count(event, at);
      return true;
    },
  };
  return {
    insights,
    outcomes: {
      async record(outcome) {
        const id = `${outcome.conversationId}#${outcome.episode}`;
        if (outcomes.has(id)) return false;
        outcomes.set(id, copy(outcome));
        return true;
      },
      of: async (conversationId) =>
        copy([...outcomes.values()].filter((o) => o.conversationId === conversationId)),
    },
    surveys: {
      async ask(survey) {
        const existing = surveys.get(survey.conversationId);
        if (existing) return survey.askedBy !== null && existing.askedBy === survey.askedBy;
        surveys.set(survey.conversationId, {
          ...survey,
          rating: null,
          ratedAt: null,
          comment: null,
        });
        return true;
      },
      async rate(conversationId, rating, at) {
        const survey = surveys.get(conversationId);
        if (survey && survey.rating === null) Object.assign(survey, { rating, ratedAt: at });
        return copy(survey ?? null);
      },
      async comment(conversationId, comment) {
        const survey = surveys.get(conversationId);
        if (survey) survey.comment = comment;
      },
      find: async (conversationId) => copy(surveys.get(conversationId) ?? null),
    },
    stockAlerts: {
      async subscribe(alert) {
        if (alerts.get(alert.alertId)?.status === 'waiting') return false;
        alerts.set(alert.alertId, copy(alert));
        return true;
      },
      waiting: async (limit, skip = 0) =>
        copy([...alerts.values()].filter((a) => a.status === 'waiting').slice(skip, skip + limit)),
      async markSent(alertId, at) {
        const alert = alerts.get(alertId);
        if (alert) Object.assign(alert, { status: 'sent', sentAt: at });
      },
    },
    descriptionDrafts: {
      async save(draft) {
        drafts.set(draft.draftId, copy(draft));
      },
      findById: async (id) => copy(drafts.get(id) ?? null),
      open: async (limit) =>
        copy(
          [...drafts.values()]
            .filter((d) => d.status === 'draft')
            .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
            .slice(0, limit),
        ),
      async finish(id, to) {
        const draft = drafts.get(id);
        if (draft?.status !== 'draft') return false;
        Object.assign(draft, {
          status: to.status,
          text: to.text,
          updatedAt: to.at,
          ...(to.status === 'approved' ? { approvedBy: to.by, approvedAt: to.at } : {}),
        });
        return true;
      },
    },
  };
}
