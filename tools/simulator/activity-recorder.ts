import type { RecordedActivity } from './simulator-api';

/**
 * Everything the bot sent to the connector, in arrival order, plus waiting for a sent activity
 * that has not arrived yet (the bot replies after answering the invoke, asynchronously).
 */
interface Waiter {
  predicate: (a: RecordedActivity) => boolean;
  resolve: (a: RecordedActivity) => void;
  reject: (e: Error) => void;
}

export class ActivityRecorder {
  readonly activities: RecordedActivity[] = [];
  private readonly waiters = new Set<Waiter>();

  record(activity: RecordedActivity): void {
    this.activities.push(activity);
    for (const waiter of [...this.waiters]) {
      try {
        if (!waiter.predicate(activity)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(activity);
      } catch (error) {
        this.waiters.delete(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  waitFor(predicate: (a: RecordedActivity) => boolean, timeoutMs = 5000): Promise<RecordedActivity> {
    const past = this.activities.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise<RecordedActivity>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`connector.waitFor: no matching activity within ${timeoutMs} ms; ${this.describe()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.activities.length = 0;
  }

  /** A one-line-per-activity summary for timeout messages (type and the start of the text only). */
  private describe(): string {
    if (this.activities.length === 0) return 'nothing was recorded.';
    const lines = this.activities.map((a, i) => {
      const type = typeof a.activity.type === 'string' ? a.activity.type : '?';
      const text = typeof a.activity.text === 'string' ? JSON.stringify(a.activity.text.slice(0, 60)) : '';
      const attachments = Array.isArray(a.activity.attachments) ? ` attachments=${a.activity.attachments.length}` : '';
      return `  #${i} ${a.method} ${a.conversationId} id=${a.activityId}${a.replyToId ? ` replyTo=${a.replyToId}` : ''} ${type} ${text}${attachments}${a.authorized ? '' : ' (unauthorized)'}`;
    });
    return `${this.activities.length} recorded:\n${lines.join('\n')}`;
  }
}
