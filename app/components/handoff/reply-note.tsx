// What became of a form the page posted: done (a status the screen reader announces) or the error
// (an alert). A reply carries one or the other.
export function ReplyNote({ reply }: { reply: { error?: string; done?: string } | undefined }) {
  if (reply?.done)
    return (
      <p className="notice" role="status">
        {reply.done}
      </p>
    );
  if (reply?.error)
    return (
      <p className="form-error" role="alert">
        {reply.error}
      </p>
    );
  return null;
}
