/** An error in words, announced to screen readers (role="alert"); nothing while there is none. */
export function ErrorLine({ error }: { error: string | null | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
