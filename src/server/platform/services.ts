import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { Areas } from '../features/areas/areas.service.ts';
import type { JobRunner } from './jobs.ts';
import type { Mailer } from './mail.ts';
import type { AttemptLimiter } from './ratelimit.ts';
import type { FieldCipher } from './security.ts';

/** What route handlers and services share; built once in buildApp (tests build their own). */
export type Services = {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  areas: Areas;
  mailer: Mailer;
  signinLimiter: AttemptLimiter;
  jobs: JobRunner;
};
