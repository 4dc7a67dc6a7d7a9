import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake answers to the next chat completion request. */
export type FakeReply =
  | { kind: 'text'; text: string }
  | { kind: 'tool_call'; name: string; args: Record<string, unknown> }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { function: { name: string } }[];
  };
}

const USAGE = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };

/**
 * A small OpenAI-compatible server on 127.0.0.1: POST /v1/chat/completions answers from a
 * script of replies, streamed (SSE) when the client asks for `stream: true`, as the real API.
 * Tests drive the agent with it, and the τ² conformance command plays a scripted agent with it,
 * so both go through `@langchain/openai` as a real deployment does.
 */
export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  private readonly script: FakeReply[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private calls = 0;

  private otherwise: () => FakeReply = () => ({ kind: 'text', text: '(no reply scripted)' });

  /** Queues replies; when the script is empty the fake answers "(no reply scripted)". */
  reply(...replies: FakeReply[]): void {
    this.script.push(...replies);
  }

  /** What the fake answers once the script is empty (a flaky provider, for example). */
  answerOtherwise(next: () => FakeReply): void {
    this.otherwise = next;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(raw) as RecordedRequest['body'];
    this.requests.push({ path: req.url, authorization: req.headers.authorization, body });
    const reply = this.script.shift() ?? this.otherwise();
    if (reply.kind === 'hang') return;
    if (reply.kind === 'status') {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        JSON.stringify(
          reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } },
        ),
      );
      return;
    }
    const id = `chatcmpl-${++this.calls}`;
    const toolCall =
      reply.kind === 'tool_call'
        ? {
            id: `call_${this.calls}`,
            type: 'function',
            function: { name: reply.name, arguments: JSON.stringify(reply.args) },
          }
        : undefined;
    if (!body.stream) {
      const message = toolCall
        ? { role: 'assistant', content: null, tool_calls: [toolCall] }
        : { role: 'assistant', content: reply.kind === 'text' ? reply.text : '' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: toolCall ? 'tool_calls' : 'stop' }],
          usage: USAGE,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices, ...extra })}\n\n`,
      );
    if (toolCall) {
      send([
        {
          index: 0,
          delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCall }] },
          finish_reason: null,
        },
      ]);
      send([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
    } else if (reply.kind === 'text') {
      send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
      for (const piece of reply.text.match(/.{1,8}/gs) ?? [])
        send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
      send([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    }
    send([], { usage: USAGE });
    res.end('data: [DONE]\n\n');
  }
}
