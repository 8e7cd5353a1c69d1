import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { MeetingChange, MeetingChangeListener, MeetingChangeListeners } from '../booking/meeting-change-listener';
import { AfterCommit } from '../../core/database/after-commit';
import { Reminders } from './reminders';

/** Tells Reminders which meetings changed, once the change has committed (never for a rolled-back one). */
@Injectable()
export class ReminderSync implements MeetingChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: MeetingChangeListeners,
    private readonly reminders: Reminders,
    private readonly afterCommit: AfterCommit,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // The in-process scheduler reads meetings as they are on each tick: nothing to tell it.
    if (this.config.jobs === 'bullmq') this.listeners.register(this);
  }

  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    const ids = [
      ...('meeting' in change && change.meeting ? [change.meeting.id] : []),
      ...(change.kind === 'rescheduled' ? [change.previous.id] : []),
    ];
    if (ids.length > 0) this.afterCommit.schedule(em, () => this.reminders.meetingsChanged(ids));
  }
}
