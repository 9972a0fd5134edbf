import type { Role } from './roles';
import type { Frequency, Weekday } from './schedule';

export interface Preferences {
  role: Role;
  timeZone: string; // IANA
  day: Weekday;
  time: string; // 'HH:MM' local, 07:00..19:00
  frequency: Frequency;
  focus: string[]; // behaviour ids
}
