/** The static page: prerendered at build time. */
export default function StaticPage() {
  return (
    <main>
      <h1>Baseline</h1>
      <p>A static page.</p>
    </main>
  );
}
