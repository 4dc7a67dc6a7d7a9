/** What the agent's recommend tool asks for; issue #6 replaces the implementation. */
export interface RecommendRequest {
  /** The verified customer, whose history personalises the list; null when unverified. */
  customerId: string | null;
  /** "Goes with" / "similar to" this product. */
  productId?: string;
  maxPriceCents?: number;
  limit: number;
}

export interface Recommendation {
  productId: string;
  /** A short, true reason the agent can say. */
  reason: string;
}

export interface Recommender {
  recommend(request: RecommendRequest): Promise<Recommendation[]>;
}
