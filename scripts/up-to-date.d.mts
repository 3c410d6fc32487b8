/** Whether the output stamped at `stamp` is newer than every file of `inputs` (files or directories). */
export declare function isUpToDate(stamp: string, inputs: string[]): boolean;
