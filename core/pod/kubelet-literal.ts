/**
 * The text to put in a container's env `value`, `command` or `args` so that the container receives
 * `text` byte for byte. The kubelet expands `$(NAME)` in those fields and reads `$$` as `$`; escaping
 * every `$` as `$$` leaves nothing for it to expand.
 */
export function kubeletLiteral(text: string): string {
  return text.replaceAll('$', '$$$$');
}
