/** `newsbot digests send-due`: placeholder until the scheduler lands (issue 5). */
export async function sendDueCommand(_opts: { now?: string }): Promise<void> {
  process.stderr.write('newsbot: digests send-due is not built yet\n');
  process.exitCode = 1;
}
