import { randomBytes } from 'node:crypto';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { Article } from '../domain/article.js';
import type { Ports } from '../ports/index.js';
import { staffOf } from './auth.js';

const draftBody = z.object({
  language: z.enum(['en', 'zh']),
  title: z.string().trim().min(3, 'the title is too short').max(200, 'the title is too long'),
  body: z.string().trim().min(20, 'the answer is too short').max(20_000, 'the answer is too long'),
  /** The customer question it answers; its gap is forgotten when the draft is published. */
  question: z.string().trim().max(500).optional(),
});
const draftParams = z.object({
  articleId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/),
  language: z.enum(['en', 'zh']),
});

/** "How do I pair my watch?" -> "how-do-i-pair-my-watch-3f9a": an id that stays unique. */
function draftId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'article'}-${randomBytes(2).toString('hex')}`;
}

export interface KnowledgeRouteOptions {
  ports: Pick<Ports, 'articles' | 'knowledgeGaps' | 'auditLog'>;
  now: () => Date;
  anyStaff: preHandlerAsyncHookHandler;
  adminOnly: preHandlerAsyncHookHandler;
  /** Told when an article is published, so the next search finds it. */
  onPublished: () => void;
}

/**
 * The help centre in the console: the questions it could not answer, most asked first; a
 * staff answer saved as an article draft; and an admin's review that publishes a draft
 * (audited). Nothing a member of staff writes answers customers before an admin publishes it.
 */
export function registerKnowledgeRoutes(app: FastifyInstance, options: KnowledgeRouteOptions) {
  const { ports, now, anyStaff, adminOnly } = options;

  app.get('/api/console/knowledge/gaps', { preHandler: anyStaff }, async () => ({
    gaps: (await ports.knowledgeGaps.top(50)).map((g) => ({
      question: g.question,
      language: g.language,
      count: g.count,
      lastAt: g.lastAt.toISOString(),
    })),
  }));

  app.post('/api/console/knowledge/drafts', { preHandler: anyStaff }, async (request, reply) => {
    const body = draftBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({
        error: 'invalid_request',
        reasons: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    const { language, title, question } = body.data;
    const article: Article = {
      articleId: draftId(title),
      language,
      title,
      url: null,
      keywords: question ? [question] : [],
      body: body.data.body,
      source: 'staff',
      status: 'draft',
      updatedAt: now(),
    };
    await ports.articles.saveDraft(article);
    await ports.auditLog.append({
      at: article.updatedAt,
      actor: staffOf(request).username,
      action: 'article_drafted',
      conversationId: null,
      details: { articleId: article.articleId, language },
    });
    return reply.code(201).send({ articleId: article.articleId, language, status: 'draft' });
  });

  app.get('/api/console/knowledge/drafts', { preHandler: adminOnly }, async () => ({
    drafts: (await ports.articles.drafts()).map((a) => ({
      articleId: a.articleId,
      language: a.language,
      title: a.title,
      body: a.body,
      question: a.keywords[0] ?? null,
      updatedAt: a.updatedAt.toISOString(),
    })),
  }));

  app.post(
    '/api/console/knowledge/drafts/:articleId/:language/publish',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = draftParams.safeParse(request.params);
      if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
      const { articleId, language } = params.data;
      const draft = (await ports.articles.drafts()).find(
        (a) => a.articleId === articleId && a.language === language,
      );
      const at = now();
      if (!draft || !(await ports.articles.publish(articleId, language, at)))
        return reply.code(404).send({ error: 'not_found' });
      for (const question of draft.keywords) await ports.knowledgeGaps.resolve(question, language);
      await ports.auditLog.append({
        at,
        actor: staffOf(request).username,
        action: 'article_published',
        conversationId: null,
        details: { articleId, language },
      });
      options.onPublished();
      return { ok: true };
    },
  );
}
