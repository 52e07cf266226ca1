import { describe, expect, it } from 'vitest';
import { createRateLimiter, MAX_SIGNAL_MESSAGE_BYTES, parseClientSignal } from './signal-message';

describe('parseClientSignal', () => {
  it('accepts the protocol’s messages', () => {
    expect(parseClientSignal('{"type":"join","location":"上海"}')).toEqual({
      ok: true,
      message: { type: 'join', location: '上海' },
    });
    expect(parseClientSignal(JSON.stringify({ type: 'answer', sdp: 'v=0\r\n' })).ok).toBe(true);
    expect(
      parseClientSignal(
        JSON.stringify({
          type: 'candidate',
          candidate: { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host', sdpMid: '0' },
        }),
      ),
    ).toEqual({
      ok: true,
      message: {
        type: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host', sdpMid: '0', sdpMLineIndex: null },
      },
    });
    expect(parseClientSignal('{"type":"quality","rttMs":40,"lossPercent":1.5}')).toEqual({
      ok: true,
      message: { type: 'quality', rttMs: 40, lossPercent: 1.5 },
    });
    expect(parseClientSignal('{"type":"end"}')).toEqual({ ok: true, message: { type: 'end' } });
  });

  it('refuses malformed, unknown, oversized and extra-field messages with an error code', () => {
    expect(parseClientSignal('nope')).toEqual({ ok: false, error: 'invalid_json' });
    expect(parseClientSignal('[]')).toEqual({ ok: false, error: 'missing_type' });
    expect(parseClientSignal('{"type":"hack"}')).toEqual({ ok: false, error: 'unknown_type' });
    expect(parseClientSignal('{"type":"answer","sdp":"x"}')).toEqual({ ok: false, error: 'invalid_answer' });
    expect(parseClientSignal('{"type":"mute","audio":"yes","video":true}').ok).toBe(false);
    expect(parseClientSignal('{"type":"join","interviewId":"other-room"}')).toEqual({
      ok: false,
      error: 'invalid_join',
    });
    expect(parseClientSignal('{"type":"quality","lossPercent":101}').ok).toBe(false);
    expect(parseClientSignal('{"type":"join","location":"' + 'x'.repeat(121) + '"}').ok).toBe(false);
    expect(parseClientSignal('x'.repeat(MAX_SIGNAL_MESSAGE_BYTES + 1))).toEqual({
      ok: false,
      error: 'message_too_large',
    });
  });
});

describe('createRateLimiter', () => {
  it('allows perSecond messages in a second, then refuses until the next second', () => {
    let t = 0;
    const allow = createRateLimiter({ perSecond: 3, now: () => t });
    expect([allow(), allow(), allow(), allow()]).toEqual([true, true, true, false]);
    t = 1000;
    expect(allow()).toBe(true);
  });
});
