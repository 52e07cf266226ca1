import { dispatchMail } from './dispatch-mail';
import type { NotificationsDeps } from './notifications-deps';
import { relayNotifications } from './relay-notifications';

export interface NotifierRunner {
  /** Runs a relay pass and a mail dispatch now (tests); a call during a pass runs another after it. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs the notifier relay and the mail dispatcher every `intervalMs` until stopped. */
export function runNotifier(
  deps: NotificationsDeps,
  { intervalMs, onError }: { intervalMs: number; onError: (e: unknown) => void },
): NotifierRunner {
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let isStopped = false;
  const pass = async () => {
    try {
      await relayNotifications(deps);
    } catch (e) {
      onError(e);
    }
    try {
      await dispatchMail(deps);
    } catch (e) {
      onError(e);
    }
  };
  // Passes run one after another; a tick asked for during a pass gets a pass of its own after it.
  const tick = (): Promise<void> => {
    if (isStopped) return chain;
    pending++;
    chain = chain.then(pass).finally(() => {
      pending--;
    });
    return chain;
  };
  const timer = setInterval(() => {
    if (pending === 0) void tick();
  }, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await chain;
    },
  };
}
