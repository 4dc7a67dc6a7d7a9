/** A product description written for staff to edit and approve; never published before. */
export interface DescriptionDraft {
  draftId: string;
  productId: string;
  productName: string;
  /** The description when the draft was made, to show what changes. */
  previous: string;
  text: string;
  /** Who wrote it first: the configured LLM, or the offline template. */
  source: 'llm' | 'template';
  status: 'draft' | 'approved' | 'discarded';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}
