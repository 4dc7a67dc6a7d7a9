import { randomUUID } from 'node:crypto';
import type { DescriptionDraft, ProductFacts } from '../domain/description-draft.js';
import { dayOf } from '../domain/insights.js';
import type { StaffMember } from '../domain/staff.js';
import type { Ports } from '../ports/index.js';
import { askedAbout, productFacts, THIN_DESCRIPTION_WORDS, wordCount } from './product-facts.js';

/** Writes a description from a product's facts: the LLM's when configured, else the template. */
export type DescriptionWriter = (
  facts: ProductFacts,
) => Promise<{ text: string; source: DescriptionDraft['source'] }>;

/** How far back what customers asked about a product is looked at. */
const ASKED_DAYS = 90;
/** Longest text a staff member may approve. */
export const MAX_DESCRIPTION_CHARS = 5000;

export type DraftError = 'not_found' | 'finished' | 'not_supported' | 'product_gone';

/**
 * Product descriptions written for staff: the products with thin descriptions (those customers
 * ask about first), a draft for one, edited and approved by a person before the catalog (and
 * the search built on it) changes. Nothing is published without an approval.
 */
export class DescriptionDrafting {
  constructor(
    private readonly ports: Pick<Ports, 'commerce' | 'insights' | 'descriptionDrafts' | 'auditLog'>,
    private readonly write: DescriptionWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async askedTerms() {
    const to = this.now();
    const from = new Date(to.getTime() - (ASKED_DAYS - 1) * 86_400_000);
    return (await this.ports.insights.period(dayOf(from), dayOf(to))).terms;
  }

  /** Products whose description is thin, those customers asked about most first. */
  async thinProducts(limit: number) {
    const [products, terms] = await Promise.all([
      this.ports.commerce.catalog.list(),
      this.askedTerms(),
    ]);
    return products
      .filter((p) => wordCount(p.description) < THIN_DESCRIPTION_WORDS)
      .map((p) => {
        const asked = askedAbout(p, terms);
        return {
          productId: p.productId,
          name: p.name,
          description: p.description,
          words: wordCount(p.description),
          asked,
          askedCount: asked.reduce((sum, a) => sum + a.count, 0),
        };
      })
      .sort((a, b) => b.askedCount - a.askedCount || a.words - b.words)
      .slice(0, limit);
  }

  async draft(productId: string, staff: StaffMember): Promise<DescriptionDraft | null> {
    const product = await this.ports.commerce.catalog.byId(productId);
    if (!product) return null;
    const facts = productFacts(product, askedAbout(product, await this.askedTerms()));
    const written = await this.write(facts);
    const at = this.now();
    const draft: DescriptionDraft = {
      draftId: randomUUID(),
      productId,
      productName: product.name,
      previous: product.description,
      text: written.text,
      notes: facts.asked.map((a) => `customers asked: "${a.term}" (${a.count}×)`),
      source: written.source,
      status: 'draft',
      createdBy: staff.username,
      createdAt: at,
      updatedAt: at,
      approvedBy: null,
      approvedAt: null,
    };
    await this.ports.descriptionDrafts.save(draft);
    await this.audit(staff, 'description_drafted', { productId, draftId: draft.draftId });
    return draft;
  }

  openDrafts(limit: number): Promise<DescriptionDraft[]> {
    return this.ports.descriptionDrafts.open(limit);
  }

  async edit(draftId: string, text: string, staff: StaffMember): Promise<DraftError | null> {
    const draft = await this.ports.descriptionDrafts.findById(draftId);
    if (!draft) return 'not_found';
    if (draft.status !== 'draft') return 'finished';
    await this.ports.descriptionDrafts.save({ ...draft, text, updatedAt: this.now() });
    await this.audit(staff, 'description_edited', { draftId, productId: draft.productId });
    return null;
  }

  /** Publishes the text a person approved: the catalog first, then the draft is closed. */
  async approve(
    draftId: string,
    text: string,
    staff: StaffMember,
  ): Promise<{ error: DraftError; detail?: string } | null> {
    const draft = await this.ports.descriptionDrafts.findById(draftId);
    if (!draft) return { error: 'not_found' };
    if (draft.status !== 'draft') return { error: 'finished' };
    const at = this.now();
    const set = await this.ports.commerce.setProductDescription(draft.productId, text, at);
    if (!set.ok)
      return {
        error: set.refused === 'not_found' ? 'product_gone' : 'not_supported',
        detail: set.detail,
      };
    await this.ports.descriptionDrafts.finish(draftId, {
      status: 'approved',
      text,
      by: staff.username,
      at,
    });
    await this.audit(staff, 'description_approved', { draftId, productId: draft.productId });
    return null;
  }

  async discard(draftId: string, staff: StaffMember): Promise<DraftError | null> {
    const draft = await this.ports.descriptionDrafts.findById(draftId);
    if (!draft) return 'not_found';
    const finished = await this.ports.descriptionDrafts.finish(draftId, {
      status: 'discarded',
      text: draft.text,
      by: staff.username,
      at: this.now(),
    });
    if (!finished) return 'finished';
    await this.audit(staff, 'description_discarded', { draftId, productId: draft.productId });
    return null;
  }

  private async audit(
    staff: StaffMember,
    action: string,
    details: Record<string, string>,
  ): Promise<void> {
    await this.ports.auditLog.append({
      at: this.now(),
      actor: staff.username,
      action,
      conversationId: null,
      details,
    });
  }
}
