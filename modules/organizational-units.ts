import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { Construct } from 'constructs';
import type { OrganizationalUnitModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface OrganizationalUnitsProps {
  /** The OU tree, parents before children. */
  readonly units: readonly OrganizationalUnitModel[];
  /** ID of the organization root, parent of the top-level OUs. */
  readonly rootId: string;
}

/** The OU tree: `aws_organizations_organizational_unit.workloads__prod`. */
export class OrganizationalUnits extends Construct {
  private readonly idsByPath = new Map<string, string>();

  constructor(scope: Construct, id: string, props: OrganizationalUnitsProps) {
    super(scope, id);
    for (const unit of props.units) {
      const ou = pinAddress(
        new OrganizationsOrganizationalUnit(this, unit.address, {
          name: unit.name,
          parentId: unit.parentPath === undefined ? props.rootId : this.idOf(unit.parentPath),
          tags: Object.keys(unit.tags).length > 0 ? { ...unit.tags } : undefined,
        }),
        unit.address,
      );
      this.idsByPath.set(unit.path, ou.id);
    }
  }

  /** The OU's ID by path (`Workloads/Prod`). */
  idOf(path: string): string {
    const ouId = this.idsByPath.get(path);
    if (ouId === undefined) throw new Error(`OrganizationalUnits: no OU "${path}" (defined: ${[...this.idsByPath.keys()].join(', ')})`);
    return ouId;
  }
}
