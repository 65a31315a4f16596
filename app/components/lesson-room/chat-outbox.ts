import type { Ack, ChatView } from "../../../realtime/events";

export interface OutgoingMessage {
  lessonId: string;
  clientId: string;
  body: string;
}

export type SendChat = (message: OutgoingMessage) => Promise<Ack<ChatView & { duplicate: boolean }>>;

/**
 * Messages the server has not acknowledged yet. Each gets a client id once; it is resent with the
 * same id after a timeout or a reconnect until the server answers, and the server stores a client
 * id only once — so nothing is lost and nothing is doubled.
 */
export class ChatOutbox {
  readonly pending = new Map<string, OutgoingMessage>();

  constructor(
    private readonly send: SendChat,
    private readonly onStored: (view: ChatView, duplicate: boolean) => void,
    private readonly onRejected: (message: OutgoingMessage, messageKey: string) => void,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  submit(lessonId: string, body: string): string {
    const message = { lessonId, clientId: this.newId(), body };
    this.pending.set(message.clientId, message);
    void this.deliver(message);
    return message.clientId;
  }

  /** After a reconnect: everything not yet acknowledged goes again, with its original client id. */
  resendAll(): Promise<void[]> {
    return Promise.all([...this.pending.values()].map((message) => this.deliver(message)));
  }

  private async deliver(message: OutgoingMessage): Promise<void> {
    // A message may be in flight twice (a buffered emit and a resend): the server stores it once
    // and the room shows it once, by id.
    try {
      const result = await this.send(message);
      if (result.ok) {
        this.pending.delete(message.clientId);
        this.onStored(result.data, result.data.duplicate);
      } else if (!result.retry) {
        this.pending.delete(message.clientId);
        this.onRejected(message, result.messageKey ?? "lessons:errors.unexpected");
      }
    } catch {
      // No answer (timeout or disconnect): the message stays pending for the next resend.
    }
  }
}
