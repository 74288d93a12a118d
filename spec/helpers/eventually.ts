/** Retries `check` until it stops throwing, for at most `ms` (for server-side effects of async requests). */
export async function eventually<T>(check: () => T, ms = 3000, every = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  }
}
