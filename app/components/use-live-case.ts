// Case pages refresh themselves when the server announces a change to the case (a new version
// of the agreement, a signature, a status change): the loader stays the source of truth.
import { useNavigation, useRevalidator } from "@remix-run/react";
import { EV } from "~/lib/room-protocol";
import { useSocketEvent } from "./realtime";

export function useLiveCase(caseId: string) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  useSocketEvent<{ caseId: string }>(EV.caseChanged, (e) => {
    if (e.caseId === caseId && revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
  });
}
