export function FieldErr({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="error" id={id} role="alert">
      {text}
    </p>
  ) : null;
}
