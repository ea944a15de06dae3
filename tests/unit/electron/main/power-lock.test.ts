import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { wirePowerLock } from '../../../../electron/main/services/power-lock';
import { buildMenuTemplate } from '../../../../electron/main/menu';

describe('lock on suspend and screen lock', () => {
  it('requests a lock for each event and stops when unwired', () => {
    const power = new EventEmitter();
    const reasons: string[] = [];
    const unwire = wirePowerLock(power, (r) => reasons.push(r));
    power.emit('suspend');
    power.emit('lock-screen');
    expect(reasons).toEqual(['suspend', 'screen-lock']);
    unwire();
    power.emit('suspend');
    expect(reasons).toHaveLength(2);
  });

  it('has a Lock menu item on Ctrl/Cmd+L, translated', () => {
    let locked = 0;
    const en = buildMenuTemplate('en-US', false, () => {
      locked++;
    });
    const file = en[0]!.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>;
    expect(file[0]).toMatchObject({ label: 'Lock vault', accelerator: 'CmdOrCtrl+L' });
    file[0]!.click!();
    expect(locked).toBe(1);
    const ar = buildMenuTemplate('ar-SY', false, () => undefined);
    expect((ar[0]!.submenu as Array<{ label?: string }>)[0]!.label).toBe('قفل الخزنة');
    const view = en[2]!.submenu as Array<{ role?: string }>;
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});
