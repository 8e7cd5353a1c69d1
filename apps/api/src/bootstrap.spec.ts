import { describe, expect, it } from 'vitest';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { OffsetClock } from './core/clock/clock';

describe('createApp', () => {
  it('refuses a clock that can be moved unless CLOCK_CONTROL is on', async () => {
    const config = loadConfig({}, { mode: 'test', sqlitePath: ':memory:' });
    await expect(createApp(config, new OffsetClock())).rejects.toThrow(ConfigError);
    await expect(createApp(config, new OffsetClock())).rejects.toThrow(/CLOCK_CONTROL=true/);
  });
});
