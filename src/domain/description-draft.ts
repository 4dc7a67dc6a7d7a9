/** What a description may say about a product: its own data, and what customers asked. */
export interface ProductFacts {
  name: string;
  brand: string;
  category: string;
  subcategory: string | null;
  price: string;
  /** Attribute name -> value as text ("material" -> "leather"). */
  attributes: Record<string, string>;
  /** Option name -> the values its variants come in ("size" -> ["40", "41"]). */
  options: Record<string, string[]>;
  tags: string[];
  /** What customers asked for about it, most asked first, with how often. */
  asked: { term: string; count: number }[];
}

/** A product description written for staff to edit and approve; never published before. */
export interface DescriptionDraft {
  draftId: string;
  productId: string;
  productName: string;
  /** The description when the draft was made, to show what changes. */
  previous: string;
  text: string;
  /** For the editor: what customers asked about the product, which the text should answer. */
  notes: string[];
  /** Who wrote it first: the configured LLM, or the offline template. */
  source: 'llm' | 'template';
  status: 'draft' | 'approved' | 'discarded';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}
