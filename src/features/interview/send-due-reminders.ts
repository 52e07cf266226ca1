import { REMINDER_MINUTES_BEFORE } from '../../core/interview/join-window';
import type { InterviewDeps } from './interview-deps';
import { formatChinaTime } from './interview-views';

/**
 * Sends the reminder of each scheduled interview starting within the next 30 minutes, once: the
 * interview is marked reminded (a conditional update) before its texts go, so two nodes or two ticks
 * never remind twice. Returns how many interviews were reminded.
 */
export async function sendDueReminders({ deps, now }: { deps: InterviewDeps; now: Date }): Promise<number> {
  const due = await deps.store.dueReminders({
    from: now,
    to: new Date(now.getTime() + REMINDER_MINUTES_BEFORE * 60_000),
  });
  let sent = 0;
  for (const i of due) {
    if (!(await deps.store.markReminded({ id: i.id, at: now }))) continue;
    const app = await deps.applications.find(i.applicationId);
    const guarantors = await deps.guarantors.acceptedOf(i.applicationId);
    const invited = new Set(i.participants.map((p) => p.accountId));
    const mobiles = [
      app?.borrowerMobile,
      ...guarantors.filter((g) => invited.has(g.accountId)).map((g) => g.mobile),
    ].filter((m): m is string => !!m);
    for (const mobile of mobiles)
      await deps.texts
        .send({
          mobile,
          text: `【面签提醒】您的视频面签将于 ${formatChinaTime(i.startsAt)}（北京时间）开始，请准备好身份证并登录平台进入面签。`,
        })
        .catch(() => undefined);
    sent++;
  }
  return sent;
}
