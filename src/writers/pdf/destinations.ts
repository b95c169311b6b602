/** Where each anchor landed (the writer's name for it; the code is shared with `octavo licence`'s reader). */
export { readDestinations } from '../../util/pdf-destinations.js';
