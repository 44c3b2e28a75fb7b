/** Who is calling /api: the signed-in Entra user, or in local mode the account the server runs as. */
export interface Identity {
  /** Stable id: Entra object id, or `local:<account>`. */
  id: string;
  /** What the audit log and duplicate messages show: the user principal name or e-mail. */
  name: string;
  groups: readonly string[];
}

export function localIdentity(account: string): Identity {
  return { id: `local:${account}`, name: account, groups: [] };
}
