/** One member of a team as Teams' paged-members API lists them; only ids are kept. */
export interface RosterMember {
  /** Teams user id (29:...). */
  teamsUserId: string;
  aadObjectId?: string;
  tenantId?: string;
  /** 'user', 'guest' or 'anonymous'. */
  userRole?: string;
}

/** One page of a team's roster and the token for the next (absent on the last page). */
export interface RosterPage {
  members: RosterMember[];
  continuationToken?: string;
}
