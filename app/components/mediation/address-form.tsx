import { Form } from "@remix-run/react";
import { errorOf, type Reply } from "./types";
import { FieldErr } from "./field-error";

/** 送达地址确认书 (在线调解规则 Art 17): once per party per case. */
export function AddressForm({ address, phone, reply }: { address: string; phone: string; reply: Reply }) {
  return (
    <section className="card" aria-labelledby="address-title">
      <h2 id="address-title">送达地址确认书</h2>
      <p>请确认调解文书的送达地址和联系电话。确认后，按此地址送达的文书视为已送达；地址变更请及时告知调解组织。</p>
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="sa-address">送达地址</label>
          <input id="sa-address" name="address" defaultValue={address} />
          <FieldErr id="sa-address-error" text={errorOf(reply, "confirm-address", "address")} />
        </div>
        <div className="field">
          <label htmlFor="sa-phone">联系电话</label>
          <input id="sa-phone" name="phone" type="tel" inputMode="numeric" defaultValue={phone} />
          <FieldErr id="sa-phone-error" text={errorOf(reply, "confirm-address", "phone")} />
        </div>
        <label className="check">
          <input type="checkbox" name="agree" /> 本人确认以上送达地址真实有效
        </label>
        <FieldErr id="sa-agree-error" text={errorOf(reply, "confirm-address", "agree")} />
        <button type="submit" name="intent" value="confirm-address" className="btn">
          确认送达地址
        </button>
      </Form>
    </section>
  );
}
