import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { detectLanguage, type Language } from '../../language/detect.js';
import { type TurnContext, turnContextSchema } from '../../tools/define-tool.js';
import type { ToolOutcome } from '../../tools/results.js';
import { emailIn } from './extract.js';
import { CLARIFYING_QUESTIONS, PHRASES } from './phrases.js';
import { rememberedText, renderResult } from './render.js';
import { type Intent, understand } from './understand.js';
import { itemMeant, variantWanted } from './variant-choice.js';

interface OfflineCallOptions extends BaseChatModelCallOptions {
  tools?: { type: 'function'; function: { name: string } }[];
  /** The run's server-side context (createAgent passes it to the model too). */
  context?: unknown;
}

interface Plan {
  tool?: { name: string; args: Record<string, unknown> };
  text?: string;
}

/** The verified customer the run's context names, if any (greetings use it). */
function customerOf(options: OfflineCallOptions): TurnContext['customer'] {
  const parsed = turnContextSchema.safeParse(options.context);
  return parsed.success ? parsed.data.customer : null;
}

/**
 * The project's own deterministic chat model: it understands common retail requests in English
 * and Chinese, calls the agent's tools with real tool calls, and turns their results into
 * answers. It is the default without an API key, the fallback when the LLM fails, and the
 * engine of the deterministic tests.
 */
export class OfflineChatModel extends BaseChatModel<OfflineCallOptions, AIMessageChunk> {
  private calls = 0;

  static override lc_name() {
    return 'OfflineChatModel';
  }

  override _llmType(): string {
    return 'concierge-offline';
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<OfflineCallOptions>) {
    // Tools travel in the call options, never on `this` (createAgent refuses a model that
    // carries its own tools).
    return this.withConfig({
      tools: tools.map((tool) => convertToOpenAITool(tool)),
      ...kwargs,
    } as Partial<OfflineCallOptions>);
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    const available = new Set((options.tools ?? []).map((t) => t.function.name));
    const lastHuman = [...messages].reverse().find((m) => m instanceof HumanMessage);
    const humanText = typeof lastHuman?.content === 'string' ? lastHuman.content : '';
    const language = detectLanguage(humanText);
    const last = messages[messages.length - 1];
    const plan =
      last instanceof ToolMessage
        ? this.afterTools(messages, humanText, language, available)
        : this.plan(understand(humanText), messages, language, available, customerOf(options));
    const message = plan.tool
      ? new AIMessage({
          content: '',
          tool_calls: [
            {
              id: `offline_${++this.calls}`,
              name: plan.tool.name,
              args: plan.tool.args,
              type: 'tool_call',
            },
          ],
        })
      : new AIMessage({ content: plan.text ?? PHRASES[language].problem });
    const tokens = Math.ceil(messages.reduce((n, m) => n + String(m.content).length, 0) / 4);
    message.usage_metadata = {
      input_tokens: tokens,
      output_tokens: Math.ceil(String(message.content).length / 4),
      total_tokens: tokens,
    };
    return { generations: [{ text: String(message.content), message }] };
  }

  /** The answer once tool results are in; after a verification, the request that came with it. */
  private afterTools(
    messages: BaseMessage[],
    humanText: string,
    language: Language,
    available: Set<string>,
  ): Plan {
    // Every tool result of this turn: after a verification that came with a request, both
    // the verification and the request's answer are told.
    const outcomes: ToolOutcome[] = [];
    for (let i = messages.length - 1; i >= 0 && !(messages[i] instanceof HumanMessage); i--) {
      const message = messages[i];
      // Every tool of ours answers with its outcome as the artifact (tools/define-tool.ts).
      if (message instanceof ToolMessage && message.artifact) outcomes.unshift(message.artifact);
    }
    const [first] = outcomes;
    const intent = understand(humanText);
    if (
      intent.kind === 'unknown' &&
      outcomes.length === 1 &&
      first?.tool === 'search_help_center' &&
      !first.ok
    )
      return this.notUnderstood(messages, language, available);
    const step = nextStep(intent, outcomes, humanText, language);
    if (step)
      return step.tool && !available.has(step.tool.name)
        ? { text: PHRASES[language].problem }
        : step;
    if (
      outcomes.length === 1 &&
      first?.tool === 'verify_customer' &&
      first.result.ok &&
      intent.kind === 'verify' &&
      intent.then
    ) {
      const next = this.plan(intent.then, messages, language, available, null);
      if (next.tool) return next;
    }
    return { text: outcomes.map((o) => renderResult(o, language)).join('\n\n') };
  }

  /** A clarifying question; the second in a row hands the conversation to a person. */
  private notUnderstood(messages: BaseMessage[], language: Language, available: Set<string>): Plan {
    const p = PHRASES[language];
    const said = lastBotText(messages);
    if (said !== undefined && CLARIFYING_QUESTIONS.has(said))
      return available.has('escalate_to_human')
        ? {
            tool: {
              name: 'escalate_to_human',
              args: { reason: 'not understood twice in a row', priority: 'normal' },
            },
          }
        : { text: p.escalated };
    return { text: p.clarify };
  }

  /** The email of the previous message, when the bot then asked for an order number to verify. */
  private emailAskedFor(messages: BaseMessage[]): string | undefined {
    const said = lastBotText(messages);
    const asked = Object.values(PHRASES).some((p) => p.askVerifyOrder === said);
    if (!asked) return undefined;
    const humans = messages.filter((m) => m instanceof HumanMessage);
    return emailIn(String(humans[humans.length - 2]?.content ?? ''));
  }

  private plan(
    intent: Intent,
    messages: BaseMessage[],
    language: Language,
    available: Set<string>,
    customer: TurnContext['customer'],
  ): Plan {
    const p = PHRASES[language];
    const call = (name: string, args: Record<string, unknown>, otherwise: string): Plan =>
      available.has(name) ? { tool: { name, args } } : { text: otherwise };
    switch (intent.kind) {
      case 'greeting':
        return {
          text: p.greeting(customer?.firstName, rememberedText(customer?.facts, language)),
        };
      case 'thanks':
        return { text: p.thanks };
      case 'bye':
        return { text: p.bye };
      case 'human':
        return call(
          'escalate_to_human',
          {
            reason: intent.frustrated ? 'customer is frustrated' : 'customer asked for a person',
            priority: intent.frustrated ? 'high' : 'normal',
          },
          p.escalated,
        );
      case 'confirm': {
        // A yes to the offer of a person, after a question the bot could not answer.
        const said = lastBotText(messages);
        const offered = Object.values(PHRASES).some((ph) => ph.noHelpAnswer === said);
        if (offered)
          return intent.decision === 'yes'
            ? call(
                'escalate_to_human',
                { reason: 'the help centre does not answer the question', priority: 'normal' },
                p.escalated,
              )
            : { text: p.thanks };
        return call('confirm_action', { decision: intent.decision }, p.nothingToConfirm);
      }
      case 'verify':
        // The tool knows what the retailer verifies with, and asks for what is missing.
        return call(
          'verify_customer',
          {
            email: intent.email,
            ...(intent.orderNumber ? { orderNumber: intent.orderNumber } : {}),
          },
          p.problem,
        );
      case 'orders':
        return call('list_my_orders', {}, p.problem);
      case 'product':
        return call('get_product', { product: intent.product }, p.problem);
      case 'order_status': {
        // The order number that completes a verification begun with an email.
        const email = intent.orderNumber ? this.emailAskedFor(messages) : undefined;
        if (email)
          return call('verify_customer', { email, orderNumber: intent.orderNumber }, p.problem);
        return intent.orderNumber
          ? call('get_order', { orderNumber: intent.orderNumber }, p.problem)
          : call('list_my_orders', { limit: 3 }, p.problem);
      }
      case 'cancel':
        return intent.orderNumber
          ? call(
              'cancel_order',
              { orderNumber: intent.orderNumber, reason: intent.reason },
              p.problem,
            )
          : { text: p.askOrderNumber(language === 'zh' ? '取消' : 'cancel') };
      case 'return':
        if (!intent.orderNumber)
          return { text: p.askOrderNumber(language === 'zh' ? '退货' : 'return') };
        // A refund to a gift card needs the card's id, which the customer's details give.
        return intent.toGiftCard
          ? call('get_customer_details', {}, p.problem)
          : call('return_items', { orderNumber: intent.orderNumber }, p.problem);
      case 'change_items':
        // The order's items first, then the product's variants, then the change (afterTools).
        return intent.orderNumber
          ? call('get_order', { orderNumber: intent.orderNumber }, p.problem)
          : { text: p.askOrderNumber(language === 'zh' ? '换货' : 'exchange') };
      case 'change_address':
        return intent.orderNumber && intent.address
          ? call(
              'change_shipping_address',
              { orderNumber: intent.orderNumber, address: intent.address },
              p.problem,
            )
          : { text: p.askAddress };
      case 'stock':
        return intent.product
          ? call(
              'check_inventory',
              {
                product: intent.product,
                size: intent.size,
                colour: intent.colour,
                location: intent.location,
              },
              p.problem,
            )
          : { text: p.askProduct };
      case 'notify_back':
        return call(
          'notify_when_back_in_stock',
          { product: intent.product, size: intent.size, colour: intent.colour },
          p.problem,
        );
      case 'search':
        return call(
          'search_products',
          { query: intent.query, minPrice: intent.min, maxPrice: intent.max },
          p.problem,
        );
      case 'recommend':
        return call(
          'recommend_products',
          {
            like: intent.like,
            maxPrice: intent.max,
            about: intent.about,
            refine: intent.refine,
            position: intent.position,
          },
          p.problem,
        );
      case 'policy':
        return call(
          'search_help_center',
          { query: intent.topic ? `${intent.question} ${intent.topic}` : intent.question },
          p.problem,
        );
      case 'remember':
        return call(
          'remember_preference',
          { shoeSize: intent.shoeSize, apparelSize: intent.apparelSize },
          p.remembered,
        );
      case 'unknown':
        // What the rules do not know, the help centre may answer (afterTools asks otherwise).
        return intent.text.length >= 4 && available.has('search_help_center')
          ? call('search_help_center', { query: intent.text }, p.clarify)
          : this.notUnderstood(messages, language, available);
    }
  }
}

/** What the bot last said to the customer (its tool calls have no text). */
function lastBotText(messages: readonly BaseMessage[]): string | undefined {
  const last = [...messages]
    .reverse()
    .find((m) => m instanceof AIMessage && typeof m.content === 'string' && m.content !== '');
  return last ? String(last.content) : undefined;
}

/**
 * The next call of a request that takes several tools in one turn (a variant change reads the
 * order, then the product; a refund to a gift card reads the customer's cards), or its answer;
 * undefined when the request is not one of those.
 */
function nextStep(
  intent: Intent,
  outcomes: readonly ToolOutcome[],
  humanText: string,
  language: Language,
): Plan | undefined {
  const p = PHRASES[language];
  const last = outcomes.at(-1);
  const severalSteps =
    intent.kind === 'change_items' || (intent.kind === 'return' && intent.toGiftCard);
  // The reads before a step's refusal were only the way there: the refusal is the answer.
  const readsOnly = ['get_order', 'get_product', 'get_customer_details'];
  if (last && severalSteps && outcomes.length > 1 && (!last.ok || !readsOnly.includes(last.tool)))
    return { text: renderResult(last, language) };
  if (!last?.ok) return undefined;
  if (intent.kind === 'return' && intent.toGiftCard && last.tool === 'get_customer_details') {
    const card = last.result.customer.paymentMethods.find((m) => m.kind === 'gift_card');
    if (!card) return { text: p.noGiftCard };
    return {
      tool: { name: 'return_items', args: { orderNumber: intent.orderNumber, refundTo: card.id } },
    };
  }
  if (intent.kind !== 'change_items') return undefined;
  const order = outcomes.find((o) => o.ok && o.tool === 'get_order');
  if (!order?.ok || order.tool !== 'get_order') return undefined;
  const { items, status, payments, orderNumber } = order.result.order;
  const item = itemMeant(humanText, items);
  if (!item) return undefined;
  if (last.tool === 'get_order')
    return { tool: { name: 'get_product', args: { product: item.productId } } };
  if (last.tool !== 'get_product') return undefined;
  const { variants, options } = last.result.product;
  const wanted = variantWanted(humanText, item, variants);
  if (!wanted) {
    const listed = Object.entries(options)
      .map(([name, values]) => `${name}: ${values.join(', ')}`)
      .join('; ');
    return { text: p.askExchangeTarget(listed) };
  }
  const paymentMethodId = payments.find((pay) => pay.kind === 'payment')?.paymentMethodId;
  const swap = { sku: item.sku, newSku: wanted.sku, quantity: item.quantity };
  // Delivered: an exchange; still pending: the order's items change before it ships.
  const name = status === 'delivered' ? 'exchange_items' : 'modify_order_items';
  return { tool: { name, args: { orderNumber, items: [swap], paymentMethodId } } };
}
