export declare const RECHECK_MS: number;
export declare function startSqlLog(
  file: string,
  onStart?: () => void,
): { log(query: string): void };
