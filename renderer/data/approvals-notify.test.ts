import { describe, expect, it } from 'vitest';
import { notificationText } from './approvals-notify.ts';

describe('notificationText', () => {
  it('names the tool and its risk, says what silence means, and never carries the arguments', () => {
    const text = notificationText({ tool: 'delete_path', risk: 'destructive', reason: 'destructive calls ask a person', untrustedSources: [] });
    expect(text).toEqual({ title: 'Approve delete_path? (destructive)', body: 'destructive calls ask a person No answer in time means deny.' });
  });

  it('flags untrusted content and cuts a long reason', () => {
    const text = notificationText({ tool: 'write_file', risk: 'write', reason: 'x'.repeat(300), untrustedSources: ['https://example.com'] });
    expect(text.body).toMatch(/^x{159}… Untrusted content was involved\. No answer in time means deny\.$/);
  });
});
