/** What the agent's recommend tool asks for. */
export interface RecommendRequest {
  /** The verified customer, whose history personalises the list; null when unverified. */
  customerId: string | null;
  /** The customer's words about what they want. */
  query?: string;
  /** "Goes with" / "more like" this product. */
  productId?: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  /** Sizes the customer wears, from their profile. */
  sizes?: string[];
  /** Interests the customer told us about. */
  interests?: string[];
  /** Products not to show again. */
  exclude?: string[];
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
