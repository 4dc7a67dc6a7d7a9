/**
 * A Slack conversation is one user in one place: a DM, or a thread in a channel. The user is
 * part of the key even in a shared thread, so a colleague writing in the same thread never
 * continues (or confirms) someone else's verified conversation.
 */
export interface SlackPlace {
  channel: string;
  /** The thread replies go to; empty in a DM, where replies are plain messages. */
  threadTs: string;
  user: string;
}

export function slackConversationKey({ channel, threadTs, user }: SlackPlace): string {
  return `${channel}:${threadTs}:${user}`;
}

export function parseSlackConversationKey(key: string): SlackPlace {
  const [channel, threadTs, user] = key.split(':');
  if (!channel || threadTs === undefined || !user)
    throw new Error(`not a Slack conversation key: ${key}`);
  return { channel, threadTs, user };
}
