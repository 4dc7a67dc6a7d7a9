import { z } from 'zod';
import type { Article } from '../../domain/article.js';
import { htmlToMarkdown } from '../../knowledge/article-files.js';
import { detectLanguage } from '../../language/detect.js';
import type { ShopifyAdminApi } from './admin-api.js';
import { SHOP_CONTENT } from './documents.js';
import { pageInfo } from './records.js';

const content = z.object({
  shop: z.object({
    shopPolicies: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        body: z.string(),
        type: z.string(),
        url: z.string().nullable(),
        updatedAt: z.coerce.date(),
      }),
    ),
  }),
  pages: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        handle: z.string(),
        body: z.string(),
        updatedAt: z.coerce.date(),
      }),
    ),
    pageInfo,
  }),
});

/** Words customers use for each of Shopify's policy types, searched with the title. */
const POLICY_KEYWORDS: Record<string, string[]> = {
  REFUND_POLICY: ['refund', 'return', 'money back'],
  SHIPPING_POLICY: ['shipping', 'delivery'],
  PRIVACY_POLICY: ['privacy', 'personal data'],
  TERMS_OF_SERVICE: ['terms', 'conditions'],
  CONTACT_INFORMATION: ['contact', 'phone', 'email'],
  LEGAL_NOTICE: ['legal', 'imprint'],
  SUBSCRIPTION_POLICY: ['subscription'],
};

const MIN_BODY = 20;

/**
 * The shop's policies and pages as help articles (ids prefixed `shopify-`), so the help
 * centre answers from what the retailer wrote in Shopify. Pages too short to answer anything
 * (a contact form's) are left out.
 */
export async function shopArticles(api: ShopifyAdminApi, shop: string): Promise<Article[]> {
  const articles: Article[] = [];
  let after: string | null = null;
  for (let first = true; first || after; first = false) {
    const data: z.infer<typeof content> = await api.request(SHOP_CONTENT, { after }, content);
    if (first)
      for (const policy of data.shop.shopPolicies)
        articles.push(
          article(
            `policy-${policy.type}`,
            policy.title,
            policy.body,
            policy.url,
            policy.updatedAt,
            POLICY_KEYWORDS[policy.type] ?? [],
          ),
        );
    for (const page of data.pages.nodes)
      articles.push(
        article(
          `page-${page.handle}`,
          page.title,
          page.body,
          `https://${shop}/pages/${page.handle}`,
          page.updatedAt,
          [],
        ),
      );
    after = data.pages.pageInfo.hasNextPage ? data.pages.pageInfo.endCursor : null;
  }
  return articles.filter((a) => a.body.length >= MIN_BODY);
}

function article(
  id: string,
  title: string,
  html: string,
  url: string | null,
  updatedAt: Date,
  keywords: string[],
): Article {
  const body = htmlToMarkdown(html);
  return {
    articleId: `shopify-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 100),
    language: detectLanguage(`${title} ${body}`),
    title,
    url,
    keywords,
    body,
    source: 'import',
    status: 'published',
    updatedAt,
  };
}
