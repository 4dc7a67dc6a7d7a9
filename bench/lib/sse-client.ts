/** A minimal server-sent events reader: `next(type)` resolves with the next event of that type. */
export class SseClient {
  private readonly arrived: { event: string; data: unknown }[] = [];
  private readonly waiting: { type: string; resolve: (data: unknown) => void }[] = [];
  private readonly controller = new AbortController();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { headers, signal: client.controller.signal });
    if (!response.ok || !response.body) throw new Error(`SSE ${url} answered ${response.status}`);
    void client.pump(response.body.getReader());
    return client;
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) this.dispatch(event, JSON.parse(data));
        }
      }
    } catch {
      // Closed by close().
    }
  }

  private dispatch(event: string, data: unknown): void {
    const index = this.waiting.findIndex((w) => w.type === event);
    if (index >= 0) this.waiting.splice(index, 1)[0]?.resolve(data);
    else this.arrived.push({ event, data });
  }

  next(type: string): Promise<unknown> {
    const index = this.arrived.findIndex((q) => q.event === type);
    if (index >= 0) return Promise.resolve(this.arrived.splice(index, 1)[0]?.data);
    return new Promise((resolve) => this.waiting.push({ type, resolve }));
  }

  /** Events of `type` that arrived and nobody has taken yet. */
  queued(type: string): number {
    return this.arrived.filter((q) => q.event === type).length;
  }

  close(): void {
    this.controller.abort();
  }
}
