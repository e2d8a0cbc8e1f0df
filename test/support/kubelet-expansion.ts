/**
 * The kubelet's expansion of `$(NAME)` in env values, command and args (k8s.io/kubernetes
 * third_party/forked/golang/expansion): `$$` is one `$`; `$(NAME)` is NAME's value where `mapping` has it,
 * else left as written; an unclosed `$(` and a `$` before any other character stay as they are.
 * Written from the rules, to check what a container would receive.
 */
export function kubeletExpand(input: string, mapping: Readonly<Record<string, string>>): string {
  let out = '';
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    if (char !== '$' || index + 1 >= input.length) {
      out += char;
      index += 1;
      continue;
    }
    const next = input[index + 1];
    if (next === '$') {
      out += '$';
      index += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', index + 2);
      if (close === -1) {
        out += input.slice(index);
        break;
      }
      const name = input.slice(index + 2, close);
      out += Object.hasOwn(mapping, name) ? mapping[name] : `$(${name})`;
      index = close + 1;
    } else {
      out += `$${next}`;
      index += 2;
    }
  }
  return out;
}
