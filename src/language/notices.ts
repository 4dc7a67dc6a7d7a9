import type { Language } from './detect.js';

/**
 * What the pipeline and the handoff tell customers themselves, whatever model answers: the
 * apology when a turn fails, the buttons under a reply, and the notices around a person
 * taking over. The offline model reuses them, so a customer hears them worded one way.
 */
export interface Notices {
  /** A turn failed; the customer is asked to try again. */
  problem: string;
  /** Buttons under a reply: what each says, and the message a press sends for the customer. */
  buttons: Record<'confirm' | 'decline' | 'human', { label: string; text: string }>;
  /** To a queued customer nobody has taken yet. */
  stillWaiting: string;
  /** A person took over (`name` null when unknown). */
  joined(name: string | null): string;
  /** The person handed the conversation back to the bot. */
  back: string;
  closed: string;
  /** Before the reply to a message too long to read whole: only its start was read. */
  clipped(chars: number): string;
  /** The satisfaction survey: the question, the thanks for a rating, and for a comment. */
  survey: {
    ask: string;
    rated: string;
    commented: string;
    labels: Record<1 | 2 | 3 | 4 | 5, string>;
  };
  /** A product the customer asked to hear about is back (`options` the variant, if any). */
  backInStock(product: string, options: string | null): string;
}

const en: Notices = {
  problem: 'Sorry, something went wrong on my side. Please try again in a moment.',
  buttons: {
    confirm: { label: 'Yes, go ahead', text: 'yes' },
    decline: { label: 'No, keep it', text: 'no' },
    human: { label: 'Talk to a person', text: 'talk to a person' },
  },
  stillWaiting:
    'Sorry for the wait: nobody from our team is free yet. Your request stays in the queue and a person will reply right here.',
  joined: (name) => `${name ?? 'Someone'} from our team has joined the conversation.`,
  back: "You're back with the Concierge assistant. How else can I help?",
  closed: 'This conversation is closed. Write again any time and we will pick it up.',
  clipped: (chars) =>
    `Your message was very long, so I read only its first ${chars.toLocaleString('en-US')} characters.`,
  survey: {
    ask: 'How did we do? Please rate this conversation from 1 (poor) to 5 (excellent).',
    rated: 'Thank you for rating us! If you would like to tell us more, just write it here.',
    commented: 'Thank you, I have passed that on to the team.',
    labels: { 1: '1 · Poor', 2: '2', 3: '3', 4: '4', 5: '5 · Excellent' },
  },
  backInStock: (product, options) =>
    `Good news: ${product}${options ? ` (${options})` : ''} is back in stock. You asked us to let you know; just reply here if you would like help ordering it.`,
};

const zh: Notices = {
  problem: '抱歉，我这边出了点问题，请稍后再试。',
  buttons: {
    confirm: { label: '确认', text: '是' },
    decline: { label: '不用了', text: '不' },
    human: { label: '转人工', text: '转人工' },
  },
  stillWaiting: '抱歉让您久等：目前还没有同事有空。您的请求仍在排队，同事会在这里回复您。',
  joined: (name) => (name ? `我们的同事 ${name} 已加入对话。` : '我们的同事已加入对话。'),
  back: '您好，接下来由智能助手继续为您服务。还有什么可以帮您？',
  closed: '本次对话已结束。有需要随时再联系我们。',
  clipped: (chars) => `您的消息太长，我只读了前 ${chars} 个字符。`,
  survey: {
    ask: '请为本次服务打分：1（很差）到 5（很好）。',
    rated: '感谢您的评分！如果还有想说的，直接在这里留言即可。',
    commented: '谢谢，我们已将您的意见转达给团队。',
    labels: { 1: '1 · 很差', 2: '2', 3: '3', 4: '4', 5: '5 · 很好' },
  },
  backInStock: (product, options) =>
    `好消息：${product}${options ? `（${options}）` : ''}已经到货。您之前让我们到货时通知您；如需帮忙下单，直接在这里回复即可。`,
};

export const NOTICES: Record<Language, Notices> = { en, zh };
