/** In-app notifications of the logged-in person. (To be built.) */
export function NotificationsPage() {
  return null;
}
