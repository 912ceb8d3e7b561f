/** FileRefs for tests, as if a host had issued them: in the app only hosts make file tokens. */
import type { FileRef, FileToken } from '../hostApi';

/** A FileRef named `name`, its token `id` (by default derived from the name). */
export function testFileRef(name: string, id = `test:${name}`): FileRef {
  return { id: id as FileToken, name };
}
