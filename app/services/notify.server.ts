// Routes reach server/notify through this file (ADR 003): the compiler keeps it out of the browser.
export { listNotifications, markRead, queueNotifications, unreadCount, type LiveNotification, type NotificationInput } from "../../server/notify/notify";
export { listOutbox, requireOutboxAccess } from "../../server/notify/outbox";
export { getEmailSender, type EmailSender } from "../../server/notify/email";
export { getSmsSender, type SmsSender } from "../../server/notify/sms";
