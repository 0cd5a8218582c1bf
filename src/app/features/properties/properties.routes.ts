import { Routes } from '@angular/router';
import { PropertiesPage } from './properties-page';
import { PropertyPage } from './property-page';

export default [
  { path: '', title: 'Properties · Paradarum', component: PropertiesPage },
  { path: ':id', title: 'Property · Paradarum', component: PropertyPage },
] satisfies Routes;
