import { connection } from 'next/server';

/** A server action that does nothing: the form posts like the portal's login form. */
async function signIn(formData: FormData): Promise<void> {
  'use server';
  void formData;
}

/** The dynamic page: rendered on every request (connection() opts out of prerendering). */
export default async function FormPage() {
  await connection();
  return (
    <main>
      <h1>Sign in</h1>
      <form action={signIn}>
        <p>
          <label htmlFor="email">Email address</label>
          <input id="email" name="email" type="email" autoComplete="email" />
        </p>
        <p>
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" />
        </p>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
