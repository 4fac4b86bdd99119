/** ../shared beside the project (CI clones it so): the MedCom packages, fixtures and the official validator. */
import { resolve } from 'node:path';

export const SHARED = resolve(__dirname, '../../../shared');
