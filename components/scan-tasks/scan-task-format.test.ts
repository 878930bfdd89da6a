import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatMinutes, isTaskRunning, taskDuration, taskStatusValues } from './scan-task-format';

describe('scan task formatting', () => {
  it('speaks durations and ages in plain units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(3_840_000)).toBe('1 h 4 min');
    expect(formatAge(400)).toBe('updated just now');
    expect(formatAge(3_200)).toBe('updated 3 s ago');
    expect(formatAge(125_000)).toBe('updated 2 min ago');
  });

  it('measures running tasks up to now and finished ones to their end', () => {
    expect(taskDuration({ status: 'running', startTime: 1_000 }, 61_000)).toBe(60_000);
    expect(taskDuration({ status: 'finished', startTime: 1_000, endTime: 31_000 }, 99_000)).toBe(30_000);
    expect(taskStatusValues({ failedHosts: 2 }).finished?.tone).toBe('warning');
    // An unknown status is live only while HSS gives no end time.
    expect(isTaskRunning({ status: 'paused' })).toBe(true);
    expect(isTaskRunning({ status: 'stopped', endTime: 5_000 })).toBe(false);
    expect(taskDuration({ status: 'paused', startTime: 1_000 }, 61_000)).toBe(60_000);
    expect(taskDuration({ status: 'stopped', startTime: 1_000, endTime: 31_000 }, 999_000)).toBe(30_000);
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(130)).toBe('2 h 10 min');
  });
});
